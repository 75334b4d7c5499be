/**
 * jqwik arbitraries of tensors and ready-made gradient properties, for your own test suite as
 * much as for jgrad's. jqwik is an optional dependency: add {@code net.jqwik:jqwik} to your test
 * scope to use this package; nothing else in jgrad needs it.
 */
package jgrad.check.jqwik;
