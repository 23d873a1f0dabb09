/**
 * What every decoder returns: the value it could build, plus the problems it met, phrased as
 * "expected X, found Y". Decoders never throw on bad input; a partial value is still shown.
 */
export interface Decoded<T> {
  value: T;
  problems: string[];
}
