// Billing: the plan, the month's quota, upgrade through Stripe Checkout and manage in the Portal.
import {h, fill, notice, count, when} from '../dom.js';
import {get, post} from '../api.js';

export async function render(main, ctx) {
  const b = await get('/api/v1/billing');
  const message = h('div', {'aria-live': 'polite'});
  const go = path => async () => {
    try {
      const link = await post(path.url, path.body);
      location.assign(link.url);
    } catch (e) {
      fill(message, notice('error', e.message));
    }
  };
  const q = b.quota;
  const limited = q.monthly_requests !== null;
  const returned = ctx.query.get('checkout');
  fill(main, h('h1', {}, 'Billing'),
    returned === 'success' ? notice('success', 'Thank you: your plan changes as soon as Stripe confirms the payment.') : null,
    returned === 'cancel' ? notice('info', 'Checkout was cancelled; nothing changed.') : null,
    b.configured ? null : notice('warning', 'Billing is not configured on this server: plans cannot be changed here. Everything else works.'),
    message,
    h('section', {class: 'card'}, h('h2', {}, 'Plan: ', b.plan), h('p', {}, b.price, ' · subscription ', b.subscription_status,
      b.current_period_end ? ' · renews ' + when(b.current_period_end) : ''),
    b.payment_failed_at ? notice('error', 'The last payment failed on ' + when(b.payment_failed_at) + '. Update your card in the portal.') : null,
    h('p', {}, 'Requests this month (', q.month, '): ', count(q.used), limited ? ' of ' + count(q.monthly_requests) : ' (no monthly limit)'),
    limited ? h('progress', {max: q.monthly_requests, value: Math.min(q.used, q.monthly_requests), 'aria-label': 'Monthly quota used'}) : null,
    h('p', {class: 'muted'}, count(q.requests_per_minute), ' requests per minute. Cache hits count toward the quota.'),
    b.configured ? h('button', {type: 'button', onclick: go({url: '/api/v1/billing/portal', body: {}})}, 'Manage billing') : null),
    h('section', {}, h('h2', {}, 'Plans'), h('div', {class: 'tiles'}, b.plans.map(p => h('div', {class: 'tile'},
      h('span', {class: 'label'}, p.plan), h('strong', {}, p.price),
      h('small', {}, count(p.requests_per_minute) + ' rpm · ' + (p.monthly_requests === null ? 'no monthly limit' : count(p.monthly_requests) + ' requests / month')),
      p.plan === b.plan ? h('small', {}, 'Your plan') : p.checkout && b.configured
        ? h('button', {type: 'button', onclick: go({url: '/api/v1/billing/checkout', body: {plan: p.plan}})}, 'Upgrade to ' + p.plan)
        : null)))));
}
