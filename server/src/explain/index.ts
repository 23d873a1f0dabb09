/**
 * Every explainer the hover consults. Order does not matter: the hover picks the innermost match
 * under the cursor (an epoch time inside a Java dump wins over the dump).
 */
import { armDumpExplainer } from './armDump';
import { ciscoCodeExplainer } from './ciscoCode';
import { ctiObjectExplainer } from './ctiObject';
import { ctiTraceExplainer } from './ctiTrace';
import { epochExplainer } from './epoch';
import { flowUrlExplainer } from './flowUrl';
import { gregorianExplainer } from './gregorian';
import { javaToStringExplainer } from './javaToString';
import { jsonExplainer } from './json';
import { rttestStateExplainer } from './rttestState';
import { sdlSignalExplainer } from './sdlSignal';
import { sipMessageExplainer } from './sipMessage';
import type { Explainer } from './types';
import { xmlExplainer } from './xml';

export const EXPLAINERS: readonly Explainer[] = [
  armDumpExplainer,
  ctiTraceExplainer,
  jsonExplainer,
  xmlExplainer,
  javaToStringExplainer,
  epochExplainer,
  gregorianExplainer,
  ciscoCodeExplainer,
  rttestStateExplainer,
  flowUrlExplainer,
  sipMessageExplainer,
  ctiObjectExplainer,
  sdlSignalExplainer,
];
