/**
 * Every explainer the hover consults. Order does not matter: the hover picks the innermost match
 * under the cursor.
 */
import type { Explainer } from './types';

export const EXPLAINERS: readonly Explainer[] = [];
