import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const EXAMPLES = resolve(__dirname, '../../../../examples');
export const readExample = (path: string) =>
  readFileSync(resolve(EXAMPLES, path), 'utf8');
export const NOW = Date.parse('2026-11-27T12:00:00Z');

export function config(ops: Record<string, unknown> = {}) {
  return new ConfigReader({ ops: ops as JsonObject });
}

/** An action context on a real directory, collecting outputs. */
export function actionContext<T extends Record<string, unknown>>(
  workspacePath: string,
  input: T,
) {
  const outputs: Record<string, unknown> = {};
  const ctx = createMockActionContext({
    workspacePath,
    input: input as any,
    getInitiatorCredentials: async () =>
      mockCredentials.user('user:default/jane'),
  });
  ctx.output = (name: string, value: unknown) => {
    outputs[name] = value;
  };
  return { ctx, outputs };
}

export const CATALOG_INFO = `# The service's catalog entry. Comments like this one must survive.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-api # inline comment
  description: Takes orders
  annotations:
    github.com/project-slug: acme/orders-api
spec:
  type: service
  lifecycle: experimental
  owner: group:orders-team
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: orders-api-http
spec:
  type: openapi
  lifecycle: experimental
  owner: group:orders-team
  definition: "openapi: 3.0.0"
`;
