import { defineAsyncComponent } from 'vue';

/** The bar chart in a chunk of its own: ECharts stays out of a desk's initial JS. */
export const LazyBarChart = defineAsyncComponent(() => import('./BarChart.vue'));

/** The time-series line chart, likewise in its own chunk. */
export const LazyLineChart = defineAsyncComponent(() => import('./LineChart.vue'));
