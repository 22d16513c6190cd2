/**
 * Request and response types of each operation of the ops API, read off the
 * types generated from the OpenAPI spec, so the typed router (ops-backend)
 * and the typed client below share one source.
 */
import type { operations } from './generated/openapi';

/**
 * The spec's `operationId`s.
 *
 * @public
 */
export type OperationId = keyof operations;

/** @public */
export type OperationParameters<Id extends OperationId> =
  operations[Id]['parameters'];

/**
 * What a handler or caller sees for an absent part: an empty object, never `undefined`.
 *
 * @public
 */
export type Present<T> = [NonNullable<T>] extends [never] ? {} : NonNullable<T>;

/** @public */
export type PathParams<Id extends OperationId> = Present<
  OperationParameters<Id>['path']
>;
/** @public */
export type QueryParams<Id extends OperationId> = Present<
  OperationParameters<Id>['query']
>;

/** @public */
export type JsonContent<T> = T extends {
  content: { 'application/json': infer B };
}
  ? B
  : never;

/** @public */
export type RequestBody<Id extends OperationId> = operations[Id] extends {
  requestBody: infer R;
}
  ? [JsonContent<NonNullable<R>>] extends [never]
    ? never
    : JsonContent<NonNullable<R>>
  : never;

/** @public */
export type SuccessStatus = 200 | 201 | 202 | 204;

/**
 * The JSON body of the operation's success responses.
 *
 * @public
 */
export type ResponseBody<Id extends OperationId> = JsonContent<
  operations[Id]['responses'][SuccessStatus & keyof operations[Id]['responses']]
>;
