/**
 * OpsKit's Prometheus fact provider: SLO attainment measured live.
 *
 * @packageDocumentation
 */
export { opsModulePrometheus as default } from './module';
export {
  prometheusFactProvider,
  PROMETHEUS_PROVIDER_ID,
} from './prometheusFactProvider';
export {
  instantQuery,
  PrometheusQueryError,
  PrometheusUnavailableError,
  type InstantValue,
} from './instantQuery';
export {
  readPrometheusConfig,
  type PrometheusConfig,
  type PrometheusTarget,
} from './config';
