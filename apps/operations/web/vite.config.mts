import { webConfig } from '../../../libs/web/vite.shared.mts';

export default webConfig('operations');
