package io.jenkins.plugins.tiers.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * An engine value (a record) kept in a waiting step's saved state as plain Java serialization
 * bytes. The Pipeline program is saved by JBoss Marshalling, whose handling of records varies
 * between versions; standard serialization of records is part of the platform. Read back lazily,
 * with this plugin's class loader.
 */
final class Frozen<T extends Serializable> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private transient T value;

    private Frozen(byte[] bytes, T value) {
        this.bytes = bytes;
        this.value = value;
    }

    @CheckForNull
    static <T extends Serializable> Frozen<T> of(@CheckForNull T value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(value);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return new Frozen<>(out.toByteArray(), value);
    }

    synchronized T get(Class<T> type) {
        if (value == null) {
            try (ObjectInputStream in = new PluginObjectInputStream(new ByteArrayInputStream(bytes))) {
                value = type.cast(in.readObject());
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            } catch (ClassNotFoundException x) {
                throw new IllegalStateException("cannot read back a saved " + type.getName(), x);
            }
        }
        return value;
    }

    /** Resolves classes through this plugin's class loader, which sees the bundled engine. */
    private static final class PluginObjectInputStream extends ObjectInputStream {
        PluginObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, Frozen.class.getClassLoader());
            } catch (ClassNotFoundException x) {
                return super.resolveClass(desc);
            }
        }
    }
}
