/** Types every jrtc protocol core shares: {@link dev.jrtc.common.Entropy} and {@link dev.jrtc.common.Clock}. */
package dev.jrtc.common;
