package dev.frontierengage.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.frontierengage.process.StorableText;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Requests are read strictly: a number or boolean where text is expected is a wrong type, not
 * text; a text that cannot be stored ({@link StorableText}: a NUL, half of a surrogate pair) is
 * refused (the rest is set in config: unknown fields, duplicate fields, floats for integers, ...).
 */
@Configuration
public class StrictJson {

  /** A text of a request that cannot be stored as it is: why, at the field it was read for. */
  public static final class UnstorableText extends JsonMappingException {

    private final String reason;

    UnstorableText(JsonParser parser, String reason) {
      super(parser, "a text that " + reason);
      this.reason = reason;
    }

    /** Why the text cannot be stored ("holds a NUL character"). */
    public String reason() {
      return reason;
    }
  }

  /** Every text a request holds is read as usual, then refused if it cannot be stored. */
  @Bean
  com.fasterxml.jackson.databind.Module storableText() {
    SimpleModule module = new SimpleModule("storable-text");
    module.addDeserializer(String.class, new StdScalarDeserializer<String>(String.class) {
      @Override
      public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text != null) {
          java.util.Optional<String> problem = StorableText.problem(text);
          if (problem.isPresent()) {
            throw new UnstorableText(parser, problem.get());
          }
          if (text.codePoints().anyMatch(dev.frontierengage.process.Submission::refusedInText)) {
            // every text of a request, as the engine's checks refuse it in a submission (a
            // withdrawal's reason reaches the record without one)
            throw new UnstorableText(parser, "holds a control character (other than a tab or a line break) or a"
                + " direction override, embedding or isolate");
          }
        }
        return text;
      }

      @Override
      public LogicalType logicalType() {
        return LogicalType.Textual;
      }
    });
    return module;
  }

  /**
   * A date or a moment is read from its text only: jackson's java.time readers took a number as
   * seconds since 1970 ({@code "releasedAt":1796519303}) whatever the coercion settings below say,
   * and a date as an array ({@code [2027,1,10]}, {@code []} as none), where the API documents ISO
   * text.
   */
  @Bean
  com.fasterxml.jackson.databind.Module timesAsTextOnly() {
    SimpleModule module = new SimpleModule("times-as-text-only");
    module.setDeserializerModifier(new com.fasterxml.jackson.databind.deser.BeanDeserializerModifier() {
      @Override
      public com.fasterxml.jackson.databind.JsonDeserializer<?> modifyDeserializer(
          com.fasterxml.jackson.databind.DeserializationConfig config, com.fasterxml.jackson.databind.BeanDescription bean,
          com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer) {
        return java.time.temporal.Temporal.class.isAssignableFrom(bean.getBeanClass())
            ? new TextOnly(deserializer) : deserializer;
      }
    });
    return module;
  }

  /** A reader of a java.time value that refuses a number where the value's text belongs. */
  static final class TextOnly extends com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer {

    TextOnly(com.fasterxml.jackson.databind.JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected com.fasterxml.jackson.databind.JsonDeserializer<?> newDelegatingInstance(
        com.fasterxml.jackson.databind.JsonDeserializer<?> delegate) {
      return new TextOnly(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING
          && parser.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_NULL) {
        // a number, an array ([2027,1,10], [] read as null) or an object: not the value's text
        return context.handleUnexpectedToken(handledType(), parser);
      }
      return super.deserialize(parser, context);
    }
  }

  @Bean
  Jackson2ObjectMapperBuilderCustomizer noScalarsAsText() {
    return builder -> builder.postConfigurer(mapper -> {
      for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
          CoercionInputShape.Float, CoercionInputShape.Boolean}) {
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
      }
      mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
      mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    });
  }
}
