package jts.fleet.controller.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** Version from the build (filtered resource), so --version always names the jar that runs. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/jts/fleet/controller/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {
            "jts-fleet " + properties.getProperty("version", "unknown"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
