import settings from '../../i18n/en-US/settings.json';
import { addArea } from '../i18n';

// Imported for its effect by every file that names this area's keys (see lib/i18n.ts): the project
// settings (hand-off, pipeline, renewals) and the admin page's own strings, which no gadget shows.
addArea(settings);
