export interface Config {
  ops?: {
    /**
     * Where each environment's Prometheus answers SLO queries. An SLO in an
     * environment without an entry (and no `default`) is reported as a query
     * error naming the environment.
     */
    prometheus?: {
      /** Used for environments not listed under `environments`. */
      default?: PrometheusTarget;
      /** Environment name (as in ops.yaml) → its Prometheus. */
      environments?: { [environment: string]: PrometheusTarget };
      /**
       * The multiwindow burn-rate conditions each error budget is judged by
       * (which page, which open a ticket). Defaults to the SRE workbook's:
       * page at 14.4× over 1h and 5m or 6× over 6h and 30m; ticket at 3×
       * over 1d and 2h or 1× over 3d and 6h. Windows: 5m, 30m, 1h, 2h, 6h,
       * 1d, 3d; at least one page condition.
       */
      burnRates?: Array<{
        severity: 'page' | 'ticket';
        long: string;
        short: string;
        factor: number;
      }>;
      /**
       * Entities measured by one query: an SLI that differs between entities
       * only in their own label (`service="$service"`) is asked for up to
       * this many at once, `sum by (service)`. Default 500 (a page of the
       * catalog); lower it when Prometheus refuses the queries for their
       * size (query.max-samples); 1 asks per entity.
       */
      batchSize?: number;
    };
  };
}

interface PrometheusTarget {
  /** e.g. https://prometheus.prod.example.com (the API lives under /api/v1). */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer …`.
   * @visibility secret
   */
  token?: string;
  /** Basic auth user, with `password`. */
  username?: string;
  /** @visibility secret */
  password?: string;
  /**
   * Extra headers, e.g. X-Scope-OrgID for Mimir or Thanos tenants.
   * @visibility secret
   */
  headers?: { [name: string]: string };
}
