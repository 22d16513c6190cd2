import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The compliance page (`/ops` in the example app).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'ops' });
