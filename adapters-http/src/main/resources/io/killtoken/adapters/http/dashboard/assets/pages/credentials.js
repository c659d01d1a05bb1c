// Provider credentials: add, rotate (the new key shown once), delete; previews only, with the
// health the insights report for each.
import {h, fill, field, table, notice, when, usd, count} from '../dom.js';
import {get, post, del, query} from '../api.js';

const PROVIDERS = ['openai', 'anthropic', 'gemini', 'mistral', 'groq', 'deepseek', 'together', 'openrouter', 'xai'];

export async function render(main, ctx) {
  const message = h('div', {'aria-live': 'polite'});
  const provider = h('input', {name: 'provider', list: 'providers', required: true, value: 'openai', autocomplete: 'off'});
  const known = h('datalist', {id: 'providers'}, PROVIDERS.map(p => h('option', {value: p})));
  const secret = h('input', {name: 'secret', type: 'password', required: true, autocomplete: 'off'});
  const label = h('input', {name: 'label', maxlength: 100, autocomplete: 'off'});
  const listBox = h('section', {});
  const reload = () => list(listBox, message);
  fill(main, h('h1', {}, 'Provider credentials'),
    h('p', {}, 'Your own provider keys (strict BYOK): sealed with AES-256-GCM, shown in clear only in the answer to adding or rotating them.'),
    message,
    h('form', {class: 'card', onsubmit: async event => {
      event.preventDefault();
      try {
        const c = await post('/api/v1/credentials', {provider: provider.value, secret: secret.value,
          ...(label.value ? {label: label.value} : {})});
        secret.value = '';
        label.value = '';
        fill(message, shown(c, 'Added'));
        await reload();
      } catch (e) {
        fill(message, notice('error', e.message));
      }
    }}, h('h2', {}, 'Add a credential'), field('Provider', provider, 'A provider module of this server, e.g. openai.'), known, field('Provider key', secret),
    field('Label', label, 'Optional; defaults to the provider.'), h('button', {type: 'submit'}, 'Add credential')),
    listBox);
  await reload();
}

function shown(c, verb) {
  return notice('success', h('p', {}, verb + ' ', h('strong', {}, c.label), ' (', c.provider, '): ',
    h('code', {}, c.preview), '. The key is stored sealed and will only ever be shown by its preview.'));
}

async function list(box, message) {
  const [page, found] = await Promise.all([get('/api/v1/credentials' + query({limit: 100})), get('/api/v1/insights')]);
  const health = Object.fromEntries((found.credentials || []).map(c => [c.id, c]));
  fill(box, h('h2', {}, 'Your credentials'), table('Provider credentials',
    ['Label', 'Provider', 'Key', 'Health (30 days)', 'Rotated', ''],
    page.data.map(c => [c.label, c.provider, h('code', {}, c.preview), healthOf(health[c.id]),
      when(c.rotated_at || c.created_at), actions(c, box, message)]), 'No credentials yet: add your provider key above.'));
}

function healthOf(c) {
  if (!c) return '—';
  const errors = c.refused_401_403 + c.throttled_429 + c.server_errors_5xx;
  return h('span', {class: 'verdict ' + c.verdict}, c.verdict, ' · ', count(c.calls), ' calls · ', count(errors),
    ' errors · ', usd(c.spend_usd), c.last_used_hour ? ' · last used ' + when(c.last_used_hour) : '',
    ' · ', String(c.days_since_rotation), ' days since rotation');
}

function actions(c, box, message) {
  const slot = h('span', {});
  const rotate = h('button', {type: 'button', onclick: () => {
    const secret = h('input', {type: 'password', autocomplete: 'off', 'aria-label': 'New key for ' + c.label});
    fill(slot, h('form', {class: 'inline', onsubmit: async event => {
      event.preventDefault();
      try {
        const rotated = await post('/api/v1/credentials/' + c.id + '/rotate', {secret: secret.value});
        fill(message, shown(rotated, 'Rotated'));
        await list(box, message);
      } catch (e) {
        fill(message, notice('error', e.message));
      }
    }}, secret, h('button', {type: 'submit'}, 'Save new key'), h('button', {type: 'button', onclick: () => fill(slot, rotate, ' ', remove)}, 'Cancel')));
    secret.focus();
  }}, 'Rotate');
  const yes = h('button', {type: 'button', class: 'danger', onclick: async () => {
    await del('/api/v1/credentials/' + c.id);
    await list(box, message);
  }}, 'Yes, delete');
  const remove = h('button', {type: 'button', class: 'danger', onclick: () => {
    fill(slot, 'Delete "' + c.label + '"? Calls to ' + c.provider + ' fail until you add another. ', yes, ' ',
      h('button', {type: 'button', onclick: () => (fill(slot, rotate, ' ', remove), remove.focus())}, 'Cancel'));
    yes.focus();
  }}, 'Delete');
  return fill(slot, rotate, ' ', remove);
}
