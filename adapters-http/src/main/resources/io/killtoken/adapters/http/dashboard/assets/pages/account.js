// Account: change the password (every other session ends), close the account.
import {h, fill, field, notice} from '../dom.js';
import {post, del, setCsrf} from '../api.js';

export async function render(main, ctx) {
  const message = h('div', {'aria-live': 'polite'});
  const current = h('input', {type: 'password', name: 'current_password', autocomplete: 'current-password', required: true});
  const next = h('input', {type: 'password', name: 'new_password', autocomplete: 'new-password', minlength: 12, required: true});
  const confirm = h('input', {type: 'password', name: 'password', autocomplete: 'current-password', required: true});
  const closeMessage = h('div', {'aria-live': 'polite'});
  fill(main, h('h1', {}, 'Account'),
    h('p', {}, ctx.me.tenant.name, ' · ', ctx.me.user ? ctx.me.user.email : '', ' · plan ', ctx.me.tenant.plan),
    h('form', {class: 'card', onsubmit: async event => {
      event.preventDefault();
      try {
        const session = await post('/api/v1/auth/password', {current_password: current.value, new_password: next.value});
        setCsrf(session.csrf_token);
        current.value = next.value = '';
        fill(message, notice('success', 'Password changed. Every other session has ended.'));
      } catch (e) {
        fill(message, notice('error', e.message));
      }
    }}, h('h2', {}, 'Change password'), field('Current password', current),
    field('New password', next, 'At least 12 characters.'), message, h('button', {type: 'submit'}, 'Change password')),
    h('form', {class: 'card danger-zone', onsubmit: async event => {
      event.preventDefault();
      try {
        await del('/api/v1/account', {password: confirm.value});
        setCsrf(null);
        ctx.navigate('/signup', true);
      } catch (e) {
        fill(closeMessage, notice('error', e.message));
      }
    }}, h('h2', {}, 'Close the account'),
    notice('warning', 'Every key is revoked, every session ends and every credential is deleted at once. Usage records are kept 30 days for billing questions, then deleted.'),
    field('Your password, to confirm', confirm), closeMessage, h('button', {type: 'submit', class: 'danger'}, 'Close the account')));
}
