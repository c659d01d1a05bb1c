// Usage: the charts of a range, and the records table filtered by key, model, status and cache,
// paged by the API's cursor.
import {h, fill, field, table, when, usd, count} from '../dom.js';
import {get, query} from '../api.js';
import {rangeOf, rangePicker, seriesCharts, totals, RANGES} from './overview.js';
import {keyNames} from './keys.js';

const FILTERS = ['key_id', 'model', 'status', 'cache'];

export async function render(main, ctx) {
  const name = RANGES[ctx.query.get('range')] ? ctx.query.get('range') : '7d';
  const r = rangeOf(name);
  const filters = Object.fromEntries(FILTERS.map(f => [f, ctx.query.get(f) || '']));
  const [series, records, names] = await Promise.all([
    get('/api/v1/usage/summary' + query({from: r.from, to: r.to, group_by: r.group, ...filters})),
    get('/api/v1/usage/records' + query({from: r.from, to: r.to, limit: 50, after: ctx.query.get('after'), ...filters})),
    keyNames(),
  ]);
  const select = (name, options, label) => field(label, h('select', {name},
    h('option', {value: ''}, 'any'), options.map(o => h('option', {value: o[0], selected: filters[name] === o[0]}, o[1]))));
  const form = h('form', {class: 'filters', onsubmit: event => {
    event.preventDefault();
    const chosen = Object.fromEntries(new FormData(form));
    ctx.navigate('/usage' + query({range: name, ...chosen}));
  }},
  select('key_id', Object.entries(names), 'Key'),
  field('Model', h('input', {name: 'model', value: filters.model, placeholder: 'e.g. gpt-4o-mini'})),
  select('status', ['ok', 'upstream_error', 'rejected', 'client_closed'].map(s => [s, s]), 'Status'),
  select('cache', ['hit', 'miss', 'bypass'].map(s => [s, s]), 'Cache'),
  h('button', {type: 'submit'}, 'Filter'));
  const next = records.next_cursor
    ? h('a', {href: '/usage' + query({range: name, ...filters, after: records.next_cursor}), rel: 'next'}, 'Older records')
    : null;
  fill(main,
    h('div', {class: 'title-row'}, h('h1', {}, 'Usage'), rangePicker(ctx, name)),
    totals(series.totals), seriesCharts(r, series.groups),
    h('section', {}, h('h2', {}, 'Records'), form,
      table('Usage records, newest first', ['Time', 'Key', 'Model', 'Status', 'Cache', 'Tokens in / out', 'Cost', 'Saved', 'Latency'],
        records.data.map(u => [when(u.occurred_at), names[u.key_id] || u.key_id.slice(0, 8), u.provider + '/' + u.model,
          u.status, u.cache, count(u.input_tokens) + ' / ' + count(u.output_tokens), usd(u.cost_usd),
          u.cache === 'hit' ? usd(u.usd_saved) : '—', u.latency_ms + ' ms']), 'No records match.'),
      h('p', {class: 'pager'}, ctx.query.get('after') ? h('a', {href: '/usage' + query({range: name, ...filters})}, 'Newest') : null, ' ', next)));
}
