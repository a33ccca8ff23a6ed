import { GadgetFrame } from '../lib/gadget';
import { readPipelineConfig, savedProjectKey } from '../lib/gadget-config';
import { mount } from '../lib/mount';
import { PipelineEdit } from './PipelineEdit';
import { PipelineView } from './PipelineView';

void mount(() => <GadgetFrame read={readPipelineConfig} edit={(saved, raw) => <PipelineEdit saved={saved} initialProjectKey={savedProjectKey(raw)} />} show={(config) => <PipelineView config={config} />} />);
