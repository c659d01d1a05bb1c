// Exports: create one over a range, list them, download.
import {h, fill, field, table, notice, when} from '../dom.js';
import {get, post, query} from '../api.js';

export async function render(main, ctx) {
  const page = await get('/api/v1/exports' + query({limit: 50, after: ctx.query.get('after')}));
  const message = h('div', {'aria-live': 'polite'});
  const format = h('select', {name: 'format'}, h('option', {value: 'csv'}, 'CSV'), h('option', {value: 'jsonl'}, 'JSON lines'));
  const days = h('select', {name: 'days'}, [1, 7, 30, 90, 366].map(d => h('option', {value: d, selected: d === 30}, 'last ' + d + ' days')));
  const model = h('input', {name: 'model', placeholder: 'any'});
  fill(main, h('h1', {}, 'Exports'), message,
    h('form', {class: 'card', onsubmit: async event => {
      event.preventDefault();
      const to = new Date();
      const from = new Date(to.getTime() - Number(days.value) * 86400000);
      try {
        const made = await post('/api/v1/exports', {format: format.value, from: from.toISOString(), to: to.toISOString(),
          ...(model.value ? {model: model.value} : {})});
        fill(message, notice('success', 'Export ready: ', h('a', {href: made.download, download: ''}, 'download ' + made.format.toUpperCase())));
        await render(main, ctx);
        main.prepend(message);
      } catch (e) {
        fill(message, notice('error', e.message));
      }
    }}, h('h2', {}, 'New export'), field('Format', format), field('Range', days), field('Model', model, 'Optional filter.'),
    h('button', {type: 'submit'}, 'Create export')),
    h('section', {}, h('h2', {}, 'Your exports'), table('Exports', ['Created', 'Format', 'From', 'To', 'Filters', ''],
      page.data.map(x => [when(x.created_at), x.format, when(x.from), when(x.to),
        Object.entries(x.filters || {}).map(([k, v]) => k + '=' + v).join(', ') || 'none',
        h('a', {href: x.download, download: ''}, 'Download')]), 'No exports yet.'),
    page.next_cursor ? h('p', {}, h('a', {href: '/exports?after=' + encodeURIComponent(page.next_cursor)}, 'Next page')) : null));
}
