// Insights: every finding with its evidence, monthly saving and the change to make; the shadow
// cache's estimate with a way to turn the cache on at that time to live.
import {h, fill, usd, count, notice} from '../dom.js';
import {get, patch} from '../api.js';

const TITLES = {
  shadow_cache: 'Repeats the cache did not answer',
  expensive_model_for_small_jobs: 'An expensive model for small jobs',
  cut_off_answers: 'Answers cut off at max_tokens',
  max_tokens_above_use: 'max_tokens far above use',
  abandoned_streams: 'Streams abandoned by the client',
  error_and_retry_spend: 'Errors and retries',
  estimated_records: 'Answers without the provider\'s usage',
  repeated_prefixes: 'Long prompt prefixes sent again and again',
};
const TTLS = {hour: ['1 hour', 3600], day: ['24 hours', 86400], week: ['7 days', 604800]};

export async function render(main) {
  const [found, settings] = await Promise.all([get('/api/v1/insights'), get('/api/v1/settings')]);
  fill(main, h('h1', {}, 'Insights'),
    h('p', {}, 'Where tokens and dollars went to waste in the last 30 days, from token counts and keyed fingerprints only — never prompt text. ',
      h('strong', {}, usd(found.monthly_saving_usd) + ' a month'), ' to save in all.'),
    found.insights.length ? found.insights.map(i => card(i, settings)) : h('p', {class: 'muted'}, 'No calls in the last 30 days.'));
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

function card(i, settings) {
  return h('article', {class: 'card insight', id: i.kind, 'aria-labelledby': i.kind + '-title'},
    h('h2', {id: i.kind + '-title'}, TITLES[i.kind] || i.kind),
    h('p', {}, i.found),
    h('p', {class: 'saving'}, 'Estimated saving: ', h('strong', {}, usd(i.monthly_saving_usd) + ' a month')),
    h('p', {}, h('span', {class: 'label'}, 'Change: '), i.change),
    i.kind === 'shadow_cache' ? shadow(i.evidence, settings) : null,
    h('details', {}, h('summary', {}, 'Evidence'), evidence(i.evidence)));
}

function evidence(e) {
  if (Array.isArray(e)) return h('ol', {}, e.map(x => h('li', {}, evidence(x))));
  if (e && typeof e === 'object') {
    return h('dl', {}, Object.entries(e).map(([k, v]) => [h('dt', {}, k.replaceAll('_', ' ')),
      h('dd', {}, typeof v === 'object' && v !== null ? evidence(v) : k.includes('usd') ? usd(v) : typeof v === 'number' ? count(v) : String(v))]));
  }
  return String(e);
}

/** What a cache would have saved at each time to live, and one click to have it. */
function shadow(e, settings) {
  const result = h('div', {'aria-live': 'polite'});
  const cacheOn = settings.cache_mode === 'all';
  return h('div', {class: 'shadow'}, h('table', {}, h('caption', {}, 'What a cache would have answered'),
    h('thead', {}, h('tr', {}, ['Time to live', 'Repeats answered', 'Saved', ''].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, Object.entries(TTLS).map(([w, [label, seconds]]) => h('tr', {},
      h('td', {}, label), h('td', {}, count(e['repeats_' + w])), h('td', {}, usd(e['usd_' + w])),
      h('td', {}, cacheOn && settings.cache_ttl_seconds === seconds ? 'on' : h('button', {type: 'button', onclick: async () => {
        try {
          await patch('/api/v1/settings', {cache_mode: 'all', cache_ttl_seconds: seconds});
          fill(result, notice('success', 'The cache now answers every repeated request for ' + label + '.'));
        } catch (err) {
          fill(result, notice('error', err.message));
        }
      }}, 'Cache every request for ' + label)))))), result);
}
