"""Marshmallow schemas: the request bodies we accept and the responses we promise.

`openapi.yaml` is generated from these (service/openapi.py), so the contract and
the validation cannot drift apart.
"""
from __future__ import annotations

import datetime as dt
import re

from marshmallow import Schema, ValidationError, fields, validate, validates

from .actor_codes import SECTORS
from .ontology import (ACTOR_KINDS, ACTOR_ROLES, DATE_KINDS, GRANULARITIES, MODALITIES,
                       PLACE_KINDS, PLACE_ROLES, TYPE_NAMES)

DEFAULT_MAX_TEXT_CHARS = 100_000
_SURROGATE = re.compile("[\ud800-\udfff]")   # JSON can carry a lone one ("\\ud800"); Unicode text cannot
DEFAULT_MAX_BATCH = 64
REFERENCE_SOURCES = ("request", "text", "none")


class ReferenceDate(fields.Field):
    """An ISO 8601 date or date-time; only its calendar date is used."""

    default_error_messages = {"invalid": "Not an ISO 8601 date or date-time (e.g. 2024-08-19 or 2024-08-19T10:00:00Z)."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not 10 <= len(value) <= 40:
            raise self.make_error("invalid")
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value)
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError as exc:
            raise self.make_error("invalid") from exc

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.isoformat()


# Python's \s and the contract's (ECMA-262) \s differ (U+0085 and U+001C-U+001F are space to one, U+FEFF to the
# other), so the contract spells the class out and both sides read the same text as blank.
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_NOT_BLANK = rf"^[{_SPACE}]*[^{_SPACE}]"


class ExtractRequestSchema(Schema):
    text = fields.String(required=True, validate=[validate.Length(min=1), validate.Regexp(_NOT_BLANK, error="Text is empty or whitespace only.")],
                         metadata={"description": "Raw text of one news article (page chrome included is fine). "
                                                  "Offsets in the response index this string as Unicode code points. "
                                                  "At most MAX_TEXT_CHARS characters (default 100,000)."})
    id = fields.String(validate=validate.Length(max=256),
                       metadata={"description": "Caller's document id, echoed back in the response."})
    published_at = ReferenceDate(metadata={
        "description": "Publication date (ISO 8601 date or date-time): the reference for relative dates.",
        "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}],
        "example": "2024-08-19"})
    types = fields.List(fields.String(validate=validate.OneOf(TYPE_NAMES)), validate=validate.Length(min=1),
                        metadata={"description": "Only return events of these types (default: all)."})

    def __init__(self, *args, max_text_chars: int = DEFAULT_MAX_TEXT_CHARS, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_text_chars = max_text_chars

    @validates("text")
    def _text_fits(self, value, **kwargs):
        if len(value) > self.max_text_chars:
            raise ValidationError(f"Text is longer than {self.max_text_chars} characters.")
        if _SURROGATE.search(value):
            raise ValidationError("Text contains a lone surrogate: not valid Unicode.")


class BatchRequestSchema(Schema):
    documents = fields.List(fields.Nested(ExtractRequestSchema), required=True,
                            validate=validate.Length(min=1, max=DEFAULT_MAX_BATCH),
                            metadata={"description": f"Up to {DEFAULT_MAX_BATCH} documents, answered in order."})

    def __init__(self, *args, max_text_chars: int = DEFAULT_MAX_TEXT_CHARS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].inner.schema.max_text_chars = max_text_chars


# ---- responses -------------------------------------------------------------

class SpanSchema(Schema):
    text = fields.String(required=True, metadata={"description": "Exactly original_text[start:end]."})
    start = fields.Integer(required=True, validate=validate.Range(min=0),
                           metadata={"description": "Offset (code points) into the request text."})
    end = fields.Integer(required=True, validate=validate.Range(min=0))


# An actor's CAMEO coding (service/actor_codes.py); each null when neither the text nor the dictionaries say it.
def _country_code():
    return fields.String(required=True, allow_none=True, validate=validate.Regexp(r"^[A-Z]{2}$"), metadata={
        "description": "ISO 3166-1 alpha-2 of the actor's country (PS for Palestinian actors), as places have; "
                       "null for international bodies (the UN, NATO, NGOs) and where unknown."})


def _sector():
    return fields.String(required=True, allow_none=True, validate=validate.OneOf(tuple(SECTORS)), metadata={
        "description": "CAMEO/Phoenix agent sector: " + "; ".join(f"{k} {v}" for k, v in SECTORS.items())
                       + ". Null for a country itself and where unknown. /v1/event-types lists them too."})


def _code():
    return fields.String(required=True, allow_none=True, validate=validate.Regexp(r"^(?:[A-Z]{3})+$"), metadata={
        "description": "CAMEO actor code: country or international type, then roles (ISRGOV, PSEREBHMS, IGOUNO, "
                       "USA). Null when the actor has no country or international type (a sector alone)."})


class ActorArgumentSchema(SpanSchema):
    name = fields.String(required=True, metadata={"description": "Canonical name: the document's fullest mention."})
    kind = fields.String(required=True, validate=validate.OneOf(ACTOR_KINDS))
    role = fields.String(required=True, validate=validate.OneOf(ACTOR_ROLES))
    title = fields.String(required=True, allow_none=True, metadata={"description": "e.g. 'US Secretary of State'."})
    affiliation = fields.String(required=True, allow_none=True, metadata={"description": "e.g. 'Hamas'."})
    country_code = _country_code()
    sector = _sector()
    code = _code()


class PlaceArgumentSchema(SpanSchema):
    name = fields.String(required=True)
    country_code = fields.String(required=True, allow_none=True, validate=validate.Regexp(r"^[A-Z]{2}$"),
                                 metadata={"description": "ISO 3166-1 alpha-2 (PS for Gaza and the West Bank); "
                                                          "null for regions such as the Middle East."})
    kind = fields.String(required=True, validate=validate.OneOf(PLACE_KINDS))
    role = fields.String(required=True, validate=validate.OneOf(PLACE_ROLES))


class DateRangeSchema(Schema):
    start = fields.Date(required=True)
    end = fields.Date(required=True)


class DateMentionSchema(SpanSchema):
    value = fields.String(required=True, allow_none=True, metadata={
        "description": "TIMEX3 value (2024-08-19, 2024-W33, 2024-08, 2024-Q3, 2024, PRESENT_REF, P6W ...); "
                       "null when a relative date has no reference date."})
    kind = fields.String(required=True, validate=validate.OneOf(DATE_KINDS),
                         metadata={"description": "TIMEX3 type; a duration carries a P... value and no range."})
    granularity = fields.String(required=True, allow_none=True, validate=validate.OneOf(GRANULARITIES))
    range = fields.Nested(DateRangeSchema, required=True, allow_none=True,
                          metadata={"description": "Closed interval of calendar days the value covers."})


class EventSchema(Schema):
    id = fields.String(required=True, metadata={"description": "Unique within the response (e1, e2, ...)."})
    type = fields.String(required=True, validate=validate.OneOf(TYPE_NAMES))
    cameo = fields.String(required=True, metadata={"description": "CAMEO root code of the type."})
    plover = fields.String(required=True, allow_none=True)
    trigger = fields.Nested(SpanSchema, required=True)
    sentence = fields.Nested(SpanSchema, required=True)
    modality = fields.String(required=True, validate=validate.OneOf(MODALITIES))
    actors = fields.List(fields.Nested(ActorArgumentSchema), required=True)
    places = fields.List(fields.Nested(PlaceArgumentSchema), required=True)
    dates = fields.List(fields.Nested(DateMentionSchema), required=True)
    quote = fields.Nested(SpanSchema, required=True, allow_none=True,
                          metadata={"description": "Direct quotation attributed to the speaker (statements)."})
    content = fields.Nested(SpanSchema, required=True, allow_none=True,
                            metadata={"description": "Reported content of indirect speech (statements)."})
    confidence = fields.Float(required=True, validate=validate.Range(min=0, max=1))


class ActorEntitySchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(ACTOR_KINDS))
    title = fields.String(required=True, allow_none=True)
    affiliation = fields.String(required=True, allow_none=True)
    mentions = fields.List(fields.Nested(SpanSchema), required=True)
    country_code = _country_code()
    sector = _sector()
    code = _code()


class PlaceEntitySchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(PLACE_KINDS))
    country_code = fields.String(required=True, allow_none=True, validate=validate.Regexp(r"^[A-Z]{2}$"))
    mentions = fields.List(fields.Nested(SpanSchema), required=True)


class EntitiesSchema(Schema):
    actors = fields.List(fields.Nested(ActorEntitySchema), required=True)
    places = fields.List(fields.Nested(PlaceEntitySchema), required=True)
    dates = fields.List(fields.Nested(DateMentionSchema), required=True)


class ReferenceDateSchema(Schema):
    value = fields.Date(required=True, allow_none=True)
    source = fields.String(required=True, validate=validate.OneOf(REFERENCE_SOURCES),
                           metadata={"description": "request: published_at; text: a date found in the text "
                                                    "(dateline, caption, file-name timestamp); none: relative dates "
                                                    "are left unresolved."})


class ModelSchema(Schema):
    name = fields.String(required=True)
    version = fields.String(required=True)


class ExtractResponseSchema(Schema):
    id = fields.String(required=True, allow_none=True)
    events = fields.List(fields.Nested(EventSchema), required=True)
    entities = fields.Nested(EntitiesSchema, required=True)
    reference_date = fields.Nested(ReferenceDateSchema, required=True)
    model = fields.Nested(ModelSchema, required=True)
    warnings = fields.List(fields.String(), required=True)


class BatchResponseSchema(Schema):
    results = fields.List(fields.Raw(metadata={"oneOf": [{"$ref": "#/components/schemas/ExtractResponse"},
                                                         {"$ref": "#/components/schemas/Problem"}]}),
                          required=True, metadata={
                              "description": "One per document, in request order: its response, or a problem "
                                             "(status 500) when its extraction failed; the others are answered."})


class EventTypeSchema(Schema):
    type = fields.String(required=True)
    description = fields.String(required=True)
    actor_roles = fields.List(fields.String(), required=True)
    place_roles = fields.List(fields.String(), required=True)
    cameo = fields.String(required=True)
    plover = fields.String(required=True, allow_none=True)


class SectorSchema(Schema):
    code = fields.String(required=True, validate=validate.OneOf(tuple(SECTORS)))
    description = fields.String(required=True)


class EventTypesResponseSchema(Schema):
    event_types = fields.List(fields.Nested(EventTypeSchema), required=True)
    actor_sectors = fields.List(fields.Nested(SectorSchema), required=True, metadata={
        "description": "The values of an actor's `sector`, in this order."})


class StatusSchema(Schema):
    status = fields.String(required=True)


class FieldErrorSchema(Schema):
    pointer = fields.String(required=True, metadata={"description": "JSON Pointer (RFC 6901) into the request body."})
    detail = fields.String(required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""
    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(metadata={"description": "The request id (also in the X-Request-ID header)."})
    errors = fields.List(fields.Nested(FieldErrorSchema),
                         metadata={"description": "Field-level messages of a validation error."})
