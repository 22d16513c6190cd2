export interface Config {
  ops?: {
    catalog?: {
      /**
       * When true, a descriptor that cannot be read (missing file, bad ops-ref,
       * refused path) is also emitted as a catalog processing error. The catalog
       * then keeps the entity's previous version until it is fixed, as it does
       * for broken catalog-info.yaml. Default false: the problem is reported
       * through the ops data (the `opskit.io/descriptor-error` annotation) and
       * the entity is ingested.
       */
      strict?: boolean;
    };
  };
}
