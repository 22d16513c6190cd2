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
