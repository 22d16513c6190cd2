import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import opsPlugin from '@opskit/plugin-ops/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, opsPlugin, navModule],
});
