/**
 * The events-service topic on which the catalog module announces that it
 * processed an entity whose scored fields changed (or that it saw for the
 * first time); ops-backend scores the entity again once the catalog serves it.
 *
 * @public
 */
export const OPS_ENTITY_CHANGED_TOPIC = 'opskit.entity-changed';

/**
 * The payload on {@link OPS_ENTITY_CHANGED_TOPIC}.
 *
 * @public
 */
export interface OpsEntityChangedEvent {
  /** The entity's ref, lower-case. */
  entityRef: string;
  /** `scoredFieldsKey` of the processed entity: the version to wait for. */
  key: number;
}
