// The dashboard's shell: who is signed in, the navigation, and which page shows for a path.
import {h, fill, notice} from './dom.js';
import {get, post, setCsrf, ApiError} from './api.js';
import * as overview from './pages/overview.js';
import * as usage from './pages/usage.js';
import * as insights from './pages/insights.js';
import * as keys from './pages/keys.js';
import * as credentials from './pages/credentials.js';
import * as exportsPage from './pages/exports.js';
import * as settings from './pages/settings.js';
import * as billing from './pages/billing.js';
import * as account from './pages/account.js';
import * as entry from './pages/entry.js';

const PAGES = [
  {path: '/', title: 'Overview', page: overview},
  {path: '/usage', title: 'Usage', page: usage},
  {path: '/insights', title: 'Insights', page: insights},
  {path: '/keys', title: 'Keys', page: keys},
  {path: '/keys/:id', title: 'Key', page: keys, nav: false},
  {path: '/credentials', title: 'Credentials', page: credentials},
  {path: '/exports', title: 'Exports', page: exportsPage},
  {path: '/settings', title: 'Settings', page: settings},
  {path: '/billing', title: 'Billing', page: billing},
  {path: '/account', title: 'Account', page: account},
];
const PUBLIC = [
  {path: '/login', title: 'Log in', page: entry.login},
  {path: '/signup', title: 'Sign up', page: entry.signup},
];

const main = document.getElementById('main');
const top = document.getElementById('top');
let me = null;
let expiredFrom = null;

function match(list, path) {
  for (const route of list) {
    const names = [];
    const pattern = new RegExp('^' + route.path.replace(/:(\w+)/g, (_, n) => (names.push(n), '([^/]+)')) + '$');
    const found = pattern.exec(path);
    if (found) return {route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])]))};
  }
  return null;
}

/** Only a path of this site: never another origin (`//host`, `/\host`) after logging in. */
export function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function navigate(path, replace = false) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  show();
}

function header() {
  const here = location.pathname;
  if (!me) return fill(top, h('div', {class: 'bar'}, h('a', {href: '/', class: 'brand'}, 'KillToken')));
  return fill(top, h('div', {class: 'bar'},
    h('a', {href: '/', class: 'brand'}, 'KillToken'),
    h('nav', {'aria-label': 'Main'}, h('ul', {}, PAGES.filter(p => p.nav !== false).map(p =>
      h('li', {}, h('a', {href: p.path, 'aria-current': (p.path === '/' ? here === '/' : here.startsWith(p.path)) ? 'page' : null}, p.title))))),
    h('div', {class: 'who'},
      h('span', {}, me.tenant.name, ' · ', me.user ? me.user.email : 'API key'),
      h('button', {type: 'button', class: 'link', onclick: logout}, 'Log out'))));
}

async function logout() {
  try {
    await post('/api/v1/auth/logout');
  } finally {
    me = null;
    setCsrf(null);
    navigate('/login', true);
  }
}

export async function signedIn(session) {
  me = await get('/api/v1/auth/me');
  setCsrf(session && session.csrf_token ? session.csrf_token : me.csrf_token);
}

async function show() {
  const path = location.pathname;
  const open = match(PUBLIC, path);
  if (open) {
    me = null;
    header();
    return render(open.route, open.params);
  }
  if (!me) {
    try {
      await signedIn();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        return navigate('/login?next=' + encodeURIComponent(path + location.search), true);
      }
      return failed(e);
    }
  }
  header();
  const found = match(PAGES, path);
  if (!found) return notFound();
  return render(found.route, found.params);
}

async function render(route, params) {
  document.title = route.title + ' · KillToken';
  const ctx = {me, params, query: new URLSearchParams(location.search), navigate, signedIn, safeNext,
    expiredFrom};
  expiredFrom = null;
  try {
    await route.page.render(main, ctx);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return notFound();
    if (e instanceof ApiError && e.status === 401) return; // kt:expired moves on to the login
    failed(e);
  }
  main.focus({preventScroll: true});
  // Once the view and the charts it queued are drawn: bench/dashboard reads this mark.
  requestAnimationFrame(() => performance.mark('kt:rendered'));
}

export function notFound() {
  document.title = 'Not found · KillToken';
  fill(main, h('h1', {}, 'Not found'),
    h('p', {}, 'There is nothing here, or it is not yours to see.'),
    h('p', {}, h('a', {href: '/'}, 'Back to the overview')));
}

function failed(e) {
  document.title = 'Error · KillToken';
  fill(main, h('h1', {}, 'Something went wrong'),
    notice('error', e.message || 'The request failed.'),
    e.requestId ? h('p', {}, 'Request id: ', h('code', {class: 'request-id'}, e.requestId),
      ' — quote it when you ask for help.') : null,
    h('p', {}, h('a', {href: location.pathname}, 'Try again')));
}

window.addEventListener('kt:expired', event => {
  me = null;
  expiredFrom = event.detail;
  navigate('/login?next=' + encodeURIComponent(event.detail), true);
});

document.addEventListener('click', event => {
  const a = event.target.closest('a');
  if (!a || a.target || a.hasAttribute('download') || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});
window.addEventListener('popstate', show);
show();
