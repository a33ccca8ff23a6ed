import imports from '../../i18n/en-US/imports.json';
import { addArea } from '../i18n';

// Imported for its effect by every file that names this area's keys (see lib/i18n.ts).
addArea(imports);
