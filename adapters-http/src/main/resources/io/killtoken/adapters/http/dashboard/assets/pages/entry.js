// Log in and sign up: the two pages anyone may see.
import {h, fill, field, notice} from '../dom.js';
import {post} from '../api.js';

function form(main, ctx, {title, fields, submit, action, other}) {
  const message = h('div', {'aria-live': 'polite'});
  const button = h('button', {type: 'submit'}, submit);
  const f = h('form', {class: 'card narrow', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    button.disabled = true;
    fill(message);
    try {
      const session = await action(Object.fromEntries(new FormData(f)));
      await ctx.signedIn(session);
      ctx.navigate(ctx.safeNext(ctx.query.get('next')), true);
    } catch (e) {
      fill(message, notice('error', e.message));
      button.disabled = false;
    }
  }}, h('h1', {}, title),
  ctx.expiredFrom ? notice('info', 'Your session has ended. Log in again to go back to where you were.') : null,
  fields, message, button, h('p', {}, other));
  fill(main, f);
  f.querySelector('input').focus();
}

const input = (name, type, autocomplete, extra = {}) =>
  h('input', {name, type, autocomplete, required: true, ...extra});

export const login = {
  render(main, ctx) {
    const next = ctx.query.get('next');
    form(main, ctx, {
      title: 'Log in to KillToken',
      fields: [field('Email', input('email', 'email', 'username')),
        field('Password', input('password', 'password', 'current-password'))],
      submit: 'Log in',
      action: body => post('/api/v1/auth/login', body),
      other: ['No account yet? ', h('a', {href: '/signup' + (next ? '?next=' + encodeURIComponent(next) : '')}, 'Sign up')],
    });
  },
};

export const signup = {
  render(main, ctx) {
    form(main, ctx, {
      title: 'Create your KillToken account',
      fields: [field('Organisation name', input('tenant_name', 'text', 'organization', {maxlength: 100})),
        field('Email', input('email', 'email', 'username')),
        field('Password', input('password', 'password', 'new-password', {minlength: 12}),
          'At least 12 characters.')],
      submit: 'Sign up',
      action: body => post('/api/v1/auth/signup', body),
      other: ['Already have an account? ', h('a', {href: '/login'}, 'Log in')],
    });
  },
};
