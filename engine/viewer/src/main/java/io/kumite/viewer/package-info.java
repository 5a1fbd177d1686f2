/**
 * The desktop replay viewer. {@link io.kumite.viewer.PlaybackController} is the window-free playback
 * logic (seek by snapshots, speed, rounds); the libGDX window that shows the software renderer's frames
 * with overlays comes next (issue 4).
 */
package io.kumite.viewer;
