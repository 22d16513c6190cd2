/**
 * Test utilities: a real Prometheus (the `prometheus` binary) on loopback,
 * scraping an exporter whose values the test sets.
 *
 * @packageDocumentation
 */
export {
  startExporter,
  startPrometheus,
  type Exporter,
  type RealPrometheus,
} from './realPrometheus';
