/**
 * Request and response types of each operation of the ops API, read off the
 * types generated from the OpenAPI spec, so the typed router (ops-backend)
 * and the typed client below share one source.
 */
import type { operations } from './generated/openapi';

/** The spec's `operationId`s. */
export type OperationId = keyof operations;

type Parameters<Id extends OperationId> = operations[Id]['parameters'];

/** What a handler or caller sees for an absent part: an empty object, never `undefined`. */
type Present<T> = [NonNullable<T>] extends [never] ? {} : NonNullable<T>;

export type PathParams<Id extends OperationId> = Present<
  Parameters<Id>['path']
>;
export type QueryParams<Id extends OperationId> = Present<
  Parameters<Id>['query']
>;

type JsonContent<T> = T extends { content: { 'application/json': infer B } }
  ? B
  : never;

export type RequestBody<Id extends OperationId> = operations[Id] extends {
  requestBody: infer R;
}
  ? [JsonContent<NonNullable<R>>] extends [never]
    ? never
    : JsonContent<NonNullable<R>>
  : never;

type SuccessStatus = 200 | 201 | 202 | 204;

/** The JSON body of the operation's success responses. */
export type ResponseBody<Id extends OperationId> = JsonContent<
  operations[Id]['responses'][SuccessStatus & keyof operations[Id]['responses']]
>;
