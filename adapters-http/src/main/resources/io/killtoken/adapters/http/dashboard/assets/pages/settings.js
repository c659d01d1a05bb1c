// Settings: prompt storage (with a plain warning), cache mode and time to live, retention, and
// how end-user ids are kept.
import {h, fill, field, notice} from '../dom.js';
import {get, patch} from '../api.js';

export async function render(main) {
  const s = await get('/api/v1/settings');
  const message = h('div', {'aria-live': 'polite'});
  const check = (name, value) => h('input', {type: 'checkbox', name, id: name, checked: value});
  const prompts = check('prompt_storage', s.prompt_storage);
  const plainUsers = check('plain_end_user_ids', s.plain_end_user_ids);
  const mode = h('select', {name: 'cache_mode'}, [['off', 'Off'], ['deterministic', 'Deterministic requests only (temperature 0 or a seed)'], ['all', 'Every request']]
    .map(([v, t]) => h('option', {value: v, selected: s.cache_mode === v}, t)));
  const ttl = h('input', {type: 'number', name: 'cache_ttl_seconds', min: 1, max: 2592000, value: s.cache_ttl_seconds});
  const retention = h('input', {type: 'number', name: 'retention_days', min: 1, max: 3650, value: s.retention_days});
  fill(main, h('h1', {}, 'Settings'), h('form', {class: 'card', onsubmit: async event => {
    event.preventDefault();
    try {
      await patch('/api/v1/settings', {prompt_storage: prompts.checked, plain_end_user_ids: plainUsers.checked,
        cache_mode: mode.value, cache_ttl_seconds: Number(ttl.value), retention_days: Number(retention.value)});
      fill(message, notice('success', 'Saved.'));
    } catch (e) {
      fill(message, notice('error', e.message));
    }
  }},
  h('fieldset', {}, h('legend', {}, 'Prompt storage'),
    h('div', {class: 'field inline'}, prompts, h('label', {for: 'prompt_storage'}, 'Keep each call\'s prompt text with its usage record')),
    notice('warning', 'Off by default. When on, the prompts your users send are stored (sealed with AES-256-GCM) for as long as your retention keeps records. Turn it on only if your users and your policies allow it.')),
  h('fieldset', {}, h('legend', {}, 'Response cache'), field('Cache mode', mode),
    field('Time to live (seconds)', ttl, '1 to 2,592,000 (30 days).')),
  h('fieldset', {}, h('legend', {}, 'Records'), field('Keep usage records for (days)', retention),
    h('div', {class: 'field inline'}, plainUsers, h('label', {for: 'plain_end_user_ids'}, 'Show end-user ids as sent (otherwise a keyed hash)'))),
  message, h('button', {type: 'submit'}, 'Save settings')));
}
