import { createRouteRef } from '@backstage/core-plugin-api';

/** The compliance page (`/ops` in the example app). */
export const rootRouteRef = createRouteRef({ id: 'ops' });
