import { mount } from '../lib/mount';
import { App } from './App';

void mount(App);
