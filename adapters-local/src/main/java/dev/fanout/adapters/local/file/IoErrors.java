package dev.fanout.adapters.local.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns an I/O exception into the short reason a human reads after "cannot read …: ". */
final class IoErrors {

    private IoErrors() {
    }

    static String reason(Throwable failure) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        return switch (cause) {
            case AccessDeniedException ignored -> "permission denied";
            case NoSuchFileException ignored -> "no such file or directory";
            case NotDirectoryException ignored -> "not a directory";
            case FileAlreadyExistsException ignored -> "a file is in the way";
            case FileSystemException fs when fs.getReason() != null -> lowerFirst(fs.getReason());
            case IOException io when io.getMessage() != null -> io.getMessage();
            default -> cause.getClass().getSimpleName();
        };
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
