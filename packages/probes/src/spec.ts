/*
 * The ops API's operations as its OpenAPI spec describes them: what the
 * probes call, so a route added to the spec is probed without a change here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml } from '@opskit/plugin-ops-common';

export interface Operation {
  id: string;
  method: string;
  /** With `{name}` placeholders. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
  /** Open to anyone, without a token (/health): no security, or an empty requirement. */
  open: boolean;
}

export function readOperations(repoRoot: string): Operation[] {
  const text = readFileSync(
    join(repoRoot, 'plugins/ops-backend/src/schema/openapi.yaml'),
    'utf8',
  );
  const spec = readYaml(text, 'openapi.yaml').value as any;
  const resolve = (p: any) =>
    p.$ref ? spec.components.parameters[p.$ref.split('/').pop()] : p;
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(spec.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const params = (op.parameters ?? []).map(resolve);
      out.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: params
          .filter((p: any) => p.in === 'path')
          .map((p: any) => p.name),
        queryParams: params
          .filter((p: any) => p.in === 'query')
          .map((p: any) => p.name),
        hasBody: Boolean(op.requestBody),
        // `security: [{}]` (an empty requirement) opens a route to anyone.
        open:
          !op.security ||
          op.security.some((r: object) => Object.keys(r).length === 0),
      });
    }
  }
  return out;
}

/** The operation's path with its parameters, each URL-encoded. */
export function fillPath(
  op: Operation,
  values: Record<string, string>,
): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name) =>
    encodeURIComponent(values[name] ?? 'x'),
  );
}
