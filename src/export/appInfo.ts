/** The app's name and version, as written into exported files. */
import { version } from '../../package.json';
import { APP_NAME } from './runFile';

export const APP_INFO = { name: APP_NAME, version } as const;
