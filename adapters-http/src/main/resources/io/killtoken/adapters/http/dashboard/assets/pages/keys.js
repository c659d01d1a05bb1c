// Keys: create (the full key shown once), list with previews, last use and limits, edit, revoke.
import {h, fill, field, table, notice, when, usd} from '../dom.js';
import {get, post, patch, del, query} from '../api.js';

/** Key id → name, for pages that show usage by key. */
export async function keyNames() {
  const names = {};
  let after = null;
  do {
    const page = await get('/api/v1/keys' + query({limit: 100, after}));
    page.data.forEach(k => names[k.id] = k.name);
    after = page.next_cursor;
  } while (after);
  return names;
}

export async function render(main, ctx) {
  if (ctx.params.id) return detail(main, ctx, await get('/api/v1/keys/' + encodeURIComponent(ctx.params.id)));
  const page = await get('/api/v1/keys' + query({limit: 50, after: ctx.query.get('after')}));
  const revealed = h('div', {'aria-live': 'polite'});
  const name = h('input', {name: 'name', required: true, maxlength: 100, autocomplete: 'off'});
  const admin = h('input', {name: 'admin', type: 'checkbox'});
  const create = h('form', {class: 'card', onsubmit: async event => {
    event.preventDefault();
    try {
      const key = await post('/api/v1/keys', {name: name.value,
        scopes: admin.checked ? ['gateway', 'admin'] : ['gateway']});
      name.value = '';
      fill(revealed, reveal(key));
      await list(listBox, ctx);
    } catch (e) {
      fill(revealed, notice('error', e.message));
    }
  }}, h('h2', {}, 'Create a key'), field('Name', name),
  h('div', {class: 'field inline'}, admin, h('label', {for: 'admin-scope'}, 'Also allow the admin API')),
  h('button', {type: 'submit'}, 'Create key'));
  admin.id = 'admin-scope';
  const listBox = h('section', {});
  fill(main, h('h1', {}, 'API keys'), revealed, create, listBox);
  await list(listBox, ctx, page);
}

function reveal(key) {
  const value = h('input', {readonly: true, value: key.key, class: 'secret', 'aria-label': 'New API key',
    id: 'new-key', autocomplete: 'off', spellcheck: 'false'});
  const copied = h('span', {'aria-live': 'polite'});
  return notice('success',
    h('p', {}, h('strong', {}, 'Your new key "' + key.name + '". '),
      'Copy it now: you will not see this key again.'),
    h('div', {class: 'copy-row'}, value, h('button', {type: 'button', onclick: async () => {
      value.select();
      try {
        await navigator.clipboard.writeText(value.value);
        fill(copied, 'Copied.');
      } catch {
        fill(copied, 'Selected: press Ctrl+C to copy.');
      }
    }}, 'Copy'), copied));
}

async function list(box, ctx, page) {
  page = page || await get('/api/v1/keys' + query({limit: 50}));
  fill(box, h('h2', {}, 'Your keys'), table('API keys', ['Name', 'Key', 'Scopes', 'Limits', 'Last used', ''],
    page.data.map(k => [h('a', {href: '/keys/' + k.id}, k.name), h('code', {}, k.preview), k.scopes.join(', '),
      limits(k), when(k.last_used_at), revokeButton(k, () => list(box, ctx))]), 'No keys yet: create one above.'),
  page.next_cursor ? h('p', {}, h('a', {href: '/keys?after=' + encodeURIComponent(page.next_cursor)}, 'Next page')) : null);
}

function limits(k) {
  const parts = [];
  if (k.rpm_limit) parts.push(k.rpm_limit + ' rpm');
  if (k.monthly_budget_usd !== null) parts.push(usd(k.monthly_budget_usd) + ' / month');
  if (k.end_user_monthly_budget_usd !== null) parts.push(usd(k.end_user_monthly_budget_usd) + ' / user / month');
  if (k.allowed_models.length) parts.push(k.allowed_models.join(', '));
  return parts.join(' · ') || 'none';
}

/** Revoking asks once more, in place, and names the key. */
function revokeButton(k, after) {
  const box = h('span', {});
  const yes = h('button', {type: 'button', class: 'danger', onclick: async () => {
    await del('/api/v1/keys/' + k.id);
    await after();
  }}, 'Yes, revoke');
  const ask = h('button', {type: 'button', class: 'danger', onclick: () => {
    fill(box, h('span', {}, 'Revoke "' + k.name + '"? Calls with it fail at once. '), yes, ' ',
      h('button', {type: 'button', onclick: () => (fill(box, ask), ask.focus())}, 'Cancel'));
    yes.focus();
  }}, 'Revoke');
  return fill(box, ask);
}

function detail(main, ctx, k) {
  const num = (name, value, attrs = {}) => h('input', {name, type: 'number', value: value ?? '', min: 0, ...attrs});
  const name = h('input', {name: 'name', value: k.name, required: true, maxlength: 100});
  const rpm = num('rpm_limit', k.rpm_limit, {min: 1, step: 1});
  const budget = num('monthly_budget_usd', k.monthly_budget_usd, {step: '0.01'});
  const userBudget = num('end_user_monthly_budget_usd', k.end_user_monthly_budget_usd, {step: '0.01'});
  const models = h('input', {name: 'allowed_models', value: k.allowed_models.join(', ')});
  const fallbacks = h('input', {name: 'fallback_models', value: k.fallback_models.join(', ')});
  const message = h('div', {'aria-live': 'polite'});
  const orNull = input => input.value === '' ? null : Number(input.value);
  const names = input => input.value.split(',').map(s => s.trim()).filter(Boolean);
  fill(main, h('h1', {}, 'Key ', k.name), h('p', {}, h('code', {}, k.preview), ' · created ', when(k.created_at),
    ' · last used ', when(k.last_used_at)),
  h('form', {class: 'card', onsubmit: async event => {
    event.preventDefault();
    try {
      await patch('/api/v1/keys/' + k.id, {name: name.value, rpm_limit: orNull(rpm),
        monthly_budget_usd: orNull(budget), end_user_monthly_budget_usd: orNull(userBudget),
        allowed_models: names(models), fallback_models: names(fallbacks)});
      fill(message, notice('success', 'Saved.'));
    } catch (e) {
      fill(message, notice('error', e.message));
    }
  }}, field('Name', name), field('Requests per minute', rpm, 'Empty: no limit of its own.'),
  field('Monthly budget (USD)', budget, 'Empty: no budget.'),
  field('Monthly budget per end user (USD)', userBudget, 'Empty: none.'),
  field('Allowed models', models, 'Comma-separated; empty: any model.'),
  field('Fallback models', fallbacks, 'Comma-separated, up to 3, tried in order.'),
  message, h('button', {type: 'submit'}, 'Save')),
  h('p', {}, revokeButton(k, () => ctx.navigate('/keys'))), h('p', {}, h('a', {href: '/keys'}, 'All keys')));
}
