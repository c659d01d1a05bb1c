// Time-series charts drawn by uPlot (served from its WebJar), one series per chart.
import uPlot from './vendor/uplot/uPlot.esm.js';
import {h} from './dom.js';

/**
 * A chart of `points` ([{at: ISO instant, value: number}]) with a text summary beside it, so the
 * numbers are there for keyboards and screen readers too.
 */
export function timeChart(title, points, format, color = '#2563eb') {
  const box = h('figure', {class: 'chart'}, h('figcaption', {}, title));
  const x = points.map(p => Date.parse(p.at) / 1000);
  const y = points.map(p => p.value);
  const total = y.reduce((a, b) => a + b, 0);
  const quiet = y.every(v => v === 0);
  box.append(h('p', {class: 'sr-only'}, title + ': ' + points.length + ' periods, ' + format(total) + ' in all.'));
  if (quiet) {
    box.append(h('p', {class: 'muted'}, 'No calls in this range.'));
    return box;
  }
  const plot = h('div', {class: 'plot', 'aria-hidden': 'true'});
  box.append(plot);
  // Drawn once the figure is in the page, at the width it was given there.
  requestAnimationFrame(() => {
    const width = Math.max(240, plot.clientWidth || 320);
    new uPlot({
      width, height: 180, legend: {show: false}, cursor: {drag: {x: false, y: false}},
      scales: {x: {time: true}, y: {range: (u, min, max) => [0, max > 0 ? max * 1.15 : 1]}},
      axes: [{}, {values: (u, ticks) => ticks.map(format), size: 84}],
      series: [{}, {label: title, stroke: color, width: 2, fill: color + '22', points: {show: points.length < 40}}],
    }, [x, y], plot);
  });
  return box;
}
