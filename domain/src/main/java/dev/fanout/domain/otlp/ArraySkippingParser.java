package dev.fanout.domain.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;

/**
 * Jackson's UTF-8 byte-array parser, plus one move: past an array whose bytes the decoder has already read
 * and checked, in full, in an earlier bundle ({@link RepeatedLists}): the parser then goes on after its
 * {@code ]} as if it had read it, instead of tokenising it again (that skip was ~7 % of a replay's CPU).
 *
 * <p>It sets the state that reading the array would have left, through fields Jackson keeps protected for
 * subclasses: the input position, the token location, the parsing context (whose depth is the nesting
 * depth Jackson checks) and the current token. JacksonAssumptionsTest and ArraySkippingParserTest pin what
 * this relies on; the arrays jumped over never contain a line break, so line and column counts stay exact.
 */
final class ArraySkippingParser extends UTF8StreamJsonParser {

    private ArraySkippingParser(IOContext context, int features, ObjectCodec codec, ByteQuadsCanonicalizer names,
                                byte[] input, int start, int end) {
        super(context, features, null, codec, names, input, start, end, 0, false);
    }

    /**
     * Moves from the current array's start (token START_ARRAY, its {@code [} at {@code open}) to its end
     * (token END_ARRAY), the {@code ]} being the byte before {@code afterEnd}, which must not hold a line break
     * ({@link RepeatedLists} keeps no such list). Returns false, moving nothing, unless the parser is exactly
     * at that array's start.
     */
    boolean jumpPastArray(int open, int afterEnd) throws IOException {
        if (_currToken != JsonToken.START_ARRAY || _inputPtr != open + 1 || afterEnd > _inputEnd
                || afterEnd <= _inputPtr || _inputBuffer[afterEnd - 1] != ']' || !_parsingContext.inArray()) {
            return false;
        }
        _inputPtr = afterEnd;
        // What Jackson's own reading of the ']' does: location of the token, leave the array's context.
        _tokenInputRow = _currInputRow;
        _tokenInputTotal = _currInputProcessed + _inputPtr;
        _tokenInputCol = _inputPtr - _currInputRowStart;
        _parsingContext = _parsingContext.clearAndGetParent();
        _updateToken(JsonToken.END_ARRAY);
        return true;
    }

    /** A factory whose byte-array parsers are {@link ArraySkippingParser}s (UTF-8 input without a byte order mark). */
    static final class Factory extends JsonFactory {
        private static final long serialVersionUID = 1L;

        Factory(JsonFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected JsonParser _createParser(byte[] data, int offset, int len, IOContext context) throws IOException {
            // As JsonFactory's own path does for UTF-8 without a byte order mark (which the decoder refuses first).
            _streamReadConstraints.validateDocumentLength(len);
            return new ArraySkippingParser(context, _parserFeatures, _objectCodec,
                    _byteSymbolCanonicalizer.makeChild(_factoryFeatures), data, offset, offset + len);
        }
    }
}
