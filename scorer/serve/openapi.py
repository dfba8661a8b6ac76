"""The OpenAPI 3.1 document served at ``/v1/openapi.json`` (written by hand; a test checks it covers every route)."""
from __future__ import annotations

import scorer
from scorer.serve.errors import CODES


def _error_ref(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


ERRORS = {
    "400": _error_ref("Malformed request: bad JSON, empty body, bad Content-Length"),
    "401": _error_ref("Missing or wrong bearer token (when the server has one)"),
    "408": _error_ref("The body did not arrive in time; the connection is closed"),
    "413": _error_ref("Body over the size limit, or too many articles in a batch"),
    "415": _error_ref("Content type not accepted"),
    "422": _error_ref("A field is invalid, or no article could be read from the input"),
    "429": _error_ref("Too many jobs in progress; retry after the Retry-After seconds"),
    "500": _error_ref("A bug; please report it"),
    "503": _error_ref("Scoring took too long, or the workers are not running"),
}

ARTICLE = {
    "type": "object",
    "description": "One article: exactly one of html or text.",
    "properties": {
        "html": {"type": "string", "description": "The page's HTML"},
        "text": {"type": "string", "description": "The article's plain text"},
        "url": {"type": "string"},
        "date": {"type": "string", "format": "date", "description": "The article's date when the page has none (YYYY-MM-DD)"},
        "title": {"type": "string"},
        "prior": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1,
                  "description": "Share of low-quality articles expected where you score (default: the model's)"},
        "id": {"description": "Echoed back in batch results"},
    },
    "additionalProperties": False,
}


def openapi_schema(settings) -> dict:
    article_body = {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Article"}},
            "text/html": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
    query = [
        {"name": "date", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "for raw bodies"},
        {"name": "url", "in": "query", "schema": {"type": "string"}},
        {"name": "title", "in": "query", "schema": {"type": "string"}},
        {"name": "prior", "in": "query", "schema": {"type": "number"}, "description": "share of low-quality articles expected"},
        {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "html"]},
         "description": "html: the review page instead of JSON"},
    ]
    json_ok = lambda ref, desc: {"description": desc, "content": {"application/json": {"schema": {"$ref": ref}}}}  # noqa: E731
    return {
        "openapi": "3.1.0",
        "info": {"title": "scorer", "version": scorer.__version__,
                 "description": "How much to trust a news article: score, extract, compare a rewrite with its original."},
        "security": [{"bearer": []}] if settings.token else [],
        "paths": {
            "/v1/score": {"post": {"summary": "Score one article", "parameters": query, "requestBody": article_body,
                                   "responses": {"200": json_ok("#/components/schemas/ScoreResult", "The output contract, plus a review link"), **ERRORS}}},
            "/v1/score/batch": {"post": {"summary": f"Score up to {settings.batch_max} articles",
                                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                                             "type": "object", "required": ["articles"], "properties": {
                                                 "articles": {"type": "array", "maxItems": settings.batch_max, "items": {"$ref": "#/components/schemas/Article"}}}}}}},
                                         "responses": {"200": {"description": "One result or error object per article, in order",
                                                               "content": {"application/json": {"schema": {"type": "object", "properties": {
                                                                   "results": {"type": "array", "items": {"type": "object"}}}}}}}, **ERRORS}}},
            "/v1/compare": {"post": {"summary": "Compare a rewrite with its original",
                                     "parameters": [query[-1]],
                                     "requestBody": {"required": True, "content": {"application/json": {"schema": {
                                         "type": "object", "required": ["original", "rewrite"], "properties": {
                                             "original": {"oneOf": [{"$ref": "#/components/schemas/Article"}, {"type": "string"}]},
                                             "rewrite": {"oneOf": [{"$ref": "#/components/schemas/Article"}, {"type": "string"}]},
                                             "date": {"type": "string", "format": "date"},
                                             "findings": {"type": "boolean", "default": True}}}}}},
                                     "responses": {"200": json_ok("#/components/schemas/Comparison", "taken / copied / paraphrased / new, added, dropped, changed, verdict"), **ERRORS}}},
            "/v1/extract": {"post": {"summary": "The cleaned text that would be scored", "parameters": query[:3], "requestBody": article_body,
                                     "responses": {"200": {"description": "Text, metadata, removed boilerplate", "content": {"application/json": {"schema": {"type": "object"}}}}, **ERRORS}}},
            "/v1/health": {"get": {"summary": "Model name, digest, threshold, version", "security": [],
                                   "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {
                                       "status": {"type": "string"}, "model": {"type": "string"}, "digest": {"type": ["string", "null"]},
                                       "threshold": {"type": "number"}, "version": {"type": "string"}, "workers": {"type": "integer"}}}}}}}}},
            "/v1/review/{id}": {"get": {"summary": "The review page of a recently scored article",
                                        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                                                       {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["html", "json"]}}],
                                        "responses": {"200": {"description": "HTML review page", "content": {"text/html": {"schema": {"type": "string"}}}},
                                                      "404": _error_ref("Unknown or expired id")}}},
            "/v1/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1"}}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Article": ARTICLE,
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["status", "code", "message"], "properties": {
                        "status": {"type": "integer"}, "code": {"type": "string", "enum": sorted({c for cs in CODES.values() for c in cs})},
                        "message": {"type": "string"}}}}},
                "Finding": {"type": "object", "properties": {"kind": {"type": "string"}, "text": {"type": "string"},
                                                             "start": {"type": "integer"}, "end": {"type": "integer"}, "message": {"type": "string"}}},
                "ScoreResult": {"type": "object", "required": ["score", "label", "probability", "article", "signals", "reasons", "findings", "removed"],
                                "properties": {"score": {"type": "number"}, "label": {"type": "string", "enum": ["ok", "low_quality"]},
                                               "probability": {"type": "number"}, "article": {"type": "object"}, "signals": {"type": "object"},
                                               "reasons": {"type": "array"}, "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                                               "removed": {"type": "array"}, "review": {"type": "string"}}},
                "Comparison": {"type": "object", "required": ["taken", "copied", "paraphrased", "new", "added", "dropped", "changed", "verdict"],
                               "properties": {k: {"type": "number"} for k in ("taken", "copied", "paraphrased", "new")} | {
                                   k: {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}} for k in ("added", "dropped", "changed")} | {
                                   "verdict": {"type": "string"}}},
            },
        },
    }
