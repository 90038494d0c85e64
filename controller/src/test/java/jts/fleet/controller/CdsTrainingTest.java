package jts.fleet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/**
 * The training's remote status must get as far as the key exchange with its loopback peer: a status that stopped
 * earlier (an inventory the loader refuses, a peer that never answers) would still end the training well and leave
 * the connection's classes out of the archive without a word.
 */
class CdsTrainingTest {
    @Test
    void theRemoteStatusReachesTheKeyExchangeWithTheRehearsalPeer() throws Exception {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            CdsTraining.remoteStatus(out);
        }
        assertThat(text.toString()).contains("\"host\" : \"rehearsal\"", "\"status\" : \"unreachable\"",
                "ssh handshake with 127.0.0.1:");
    }
}
