/**
 * What runs write for people to read: PNG charts ({@link io.kumite.policies.report.Plot}), TensorBoard
 * event files ({@link io.kumite.policies.report.EventFile}) and progress bars. Depends on nothing else of
 * policies.
 */
package io.kumite.policies.report;
