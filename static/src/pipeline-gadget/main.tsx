import { GadgetFrame } from '../lib/gadget';
import { readPipelineConfig, savedProjectKeys } from '../lib/gadget-config';
import { mount } from '../lib/mount';
import { PipelineEdit } from './PipelineEdit';
import { PipelineView } from './PipelineView';

void mount(() => <GadgetFrame read={readPipelineConfig} edit={(saved, raw) => <PipelineEdit saved={saved} initialProjectKeys={savedProjectKeys(raw)} />} show={(config) => <PipelineView config={config} />} />);
