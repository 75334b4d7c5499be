/**
 * Gradient checking against central finite differences, for users verifying their own functions
 * as much as for jgrad's own tests.
 */
package jgrad.check;
