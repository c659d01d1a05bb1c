// Overview: spend, tokens, requests and the cache over time; savings; top models and keys; the
// three insights with the largest saving.
import {h, fill, usd, count, percent, table} from '../dom.js';
import {get, query} from '../api.js';
import {timeChart} from '../charts.js';
import {keyNames} from './keys.js';

export const RANGES = {'24h': {hours: 24, group: 'hour'}, '7d': {hours: 168, group: 'day'},
  '30d': {hours: 720, group: 'day'}};

/** `from`/`to` of the last `hours`, to the next whole hour (rollups are hourly). */
export function rangeOf(name) {
  const range = RANGES[name] || RANGES['7d'];
  const to = new Date();
  to.setUTCMinutes(0, 0, 0);
  to.setUTCHours(to.getUTCHours() + 1);
  const from = new Date(to.getTime() - range.hours * 3600 * 1000);
  return {from: from.toISOString(), to: to.toISOString(), group: range.group};
}

export function rangePicker(ctx, current) {
  return h('nav', {class: 'ranges', 'aria-label': 'Range'}, Object.keys(RANGES).map(name =>
    h('a', {href: location.pathname + '?range=' + name, 'aria-current': name === current ? 'true' : null}, name)));
}

/** Every hour or day of the range, the quiet ones at zero, so the charts span the whole range. */
export function buckets(range, groups) {
  const step = (range.group === 'hour' ? 1 : 24) * 3600 * 1000;
  const byStart = Object.fromEntries(groups.map(g => [Date.parse(g.key), g]));
  const first = new Date(range.from);
  if (range.group === 'day') first.setUTCHours(0, 0, 0, 0);
  const all = [];
  for (let t = first.getTime(); t < Date.parse(range.to); t += step) {
    all.push(byStart[t] || {key: new Date(t).toISOString(), requests: 0, cost_usd: 0, input_tokens: 0,
      output_tokens: 0, cache_hits: 0});
  }
  return all;
}

export function seriesCharts(range, groups) {
  const all = buckets(range, groups);
  const at = g => g.key;
  return h('div', {class: 'charts'},
    timeChart('Spend', all.map(g => ({at: at(g), value: g.cost_usd})), usd, '#dc2626'),
    timeChart('Tokens', all.map(g => ({at: at(g), value: g.input_tokens + g.output_tokens})), count, '#7c3aed'),
    timeChart('Requests', all.map(g => ({at: at(g), value: g.requests})), count, '#2563eb'),
    timeChart('Cache hit rate', all.map(g => ({at: at(g), value: g.requests ? 100 * g.cache_hits / g.requests : 0})),
      v => v.toFixed(0) + '%', '#059669'));
}

export function totals(t) {
  const tile = (label, value, note) => h('div', {class: 'tile'}, h('span', {class: 'label'}, label),
    h('strong', {}, value), note ? h('small', {}, note) : null);
  return h('div', {class: 'tiles'},
    tile('Spend', usd(t.cost_usd)),
    tile('Tokens', count(t.input_tokens + t.output_tokens), count(t.input_tokens) + ' in · ' + count(t.output_tokens) + ' out'),
    tile('Requests', count(t.requests), count(t.errors) + ' errors'),
    tile('Cache hit rate', percent(t.cache_hits, t.requests), count(t.cache_hits) + ' hits'),
    tile('Saved by the cache', usd(t.usd_saved), count(t.tokens_saved) + ' tokens'));
}

export async function render(main, ctx) {
  const name = RANGES[ctx.query.get('range')] ? ctx.query.get('range') : '7d';
  const r = rangeOf(name);
  const base = {from: r.from, to: r.to};
  const [series, models, keys, found, names] = await Promise.all([
    get('/api/v1/usage/summary' + query({...base, group_by: r.group})),
    get('/api/v1/usage/summary' + query({...base, group_by: 'model'})),
    get('/api/v1/usage/summary' + query({...base, group_by: 'key'})),
    get('/api/v1/insights' + query(base)),
    keyNames(),
  ]);
  const top = (summary, label, name = k => k) => table('Top ' + label.toLowerCase() + 's by spend', [label, 'Requests', 'Spend'],
    summary.groups.slice(0, 5).map(g => [name(g.key), count(g.requests), usd(g.cost_usd)]), 'No calls in this range.');
  const best = found.insights.filter(i => i.kind !== 'shadow_cache' || i.monthly_saving_usd > 0)
    .sort((a, b) => b.monthly_saving_usd - a.monthly_saving_usd).slice(0, 3);
  fill(main,
    h('div', {class: 'title-row'}, h('h1', {}, 'Overview'), rangePicker(ctx, name)),
    totals(series.totals),
    seriesCharts(r, series.groups),
    h('div', {class: 'columns'},
      h('section', {}, h('h2', {}, 'Top models'), top(models, 'Model')),
      h('section', {}, h('h2', {}, 'Top keys'), top(keys, 'Key', k => names[k] || k))),
    h('section', {}, h('h2', {}, 'Biggest savings to make'),
      best.length ? h('ul', {class: 'insights'}, best.map(i => h('li', {},
        h('a', {href: '/insights#' + i.kind}, i.found), ' ',
        h('strong', {}, usd(i.monthly_saving_usd) + ' a month'))))
        : h('p', {class: 'muted'}, 'Nothing to change yet.')));
}
