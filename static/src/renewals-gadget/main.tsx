import { GadgetFrame } from '../lib/gadget';
import { readRenewalsConfig, savedProjectKeys } from '../lib/gadget-config';
import { mount } from '../lib/mount';
import { RenewalsEdit } from './RenewalsEdit';
import { RenewalsView } from './RenewalsView';

void mount(() => <GadgetFrame read={readRenewalsConfig} edit={(saved, raw) => <RenewalsEdit saved={saved} initialProjectKeys={savedProjectKeys(raw)} />} show={(config) => <RenewalsView config={config} />} />);
