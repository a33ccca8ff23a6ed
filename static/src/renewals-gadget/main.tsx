import { GadgetApp } from '../lib/gadget';
import { mount } from '../lib/mount';

void mount(() => <GadgetApp kind="renewals" />);
