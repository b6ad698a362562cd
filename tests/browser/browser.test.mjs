// browser.test.mjs - the browser tests, run by run.sh as one `node --test`
// process so that one Chromium serves them all.
import { after } from 'node:test';
import { closeBrowser } from './lib.mjs';
import './rest.mjs';
import './login.mjs';
import './lessons.mjs';
import './languages.mjs';

after(closeBrowser);
