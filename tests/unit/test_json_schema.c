/*
 * The published JSON Schema (include/galley/galley.schema.json) agrees
 * with the model: a definition per node type, named as
 * galley_node_type_name() names it, and children allowed exactly where
 * galley_node_can_contain() allows them.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "galley/galley.h"
#include "tap.h"

#define SCHEMA	"include/galley/galley.schema.json"

/* The value at a path of member names ("properties/type/enum"). */
static json_t *
get(json_t *v, const char *path)
{
	char	 key[64];
	size_t	 n;

	while (v != NULL && *path != '\0') {
		n = strcspn(path, "/");
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		path += n + (path[n] == '/');
	}
	return v;
}

/* Whether the union definition "#/$defs/NAME" lists type name. */
static int
union_has(json_t *defs, const char *ref, const char *name)
{
	json_t		*u, *e;
	size_t		 i;

	if (strncmp(ref, "#/$defs/", 8) != 0)
		return 0;
	u = json_object_get(defs, ref + 8);
	if (strcmp(ref + 8, name) == 0)
		return 1;	/* a single kind, e.g. item */
	e = get(u, "properties/type/enum");
	json_array_foreach(e, i, u)
		if (json_is_string(u) && strcmp(json_string_value(u), name) == 0)
			return 1;
	return 0;
}

/* The "$ref" of what a node of type t may hold, or NULL for a leaf. */
static const char *
children_ref(json_t *schema, json_t *defs, int t)
{
	json_t	*items;

	if (t == GALLEY_NODE_DOCUMENT)
		items = get(schema, "properties/body/items");
	else
		items = get(json_object_get(defs, galley_node_type_name(t)),
		    "properties/children/items");
	return json_string_value(json_object_get(items, "$ref"));
}

int
main(void)
{
	json_error_t	 err;
	json_t		*schema, *defs, *def;
	const char	*ref;
	char		 what[256];
	int		 t, c, named = 1, agree = 1;

	schema = json_load_file(SCHEMA, 0, &err);
	CHECK(schema != NULL, "the JSON Schema is valid JSON");
	if (schema == NULL) {
		printf("#   %s:%d:%d: %s\n", SCHEMA, err.line, err.column,
		    err.text);
		return TAP_DONE();
	}
	defs = json_object_get(schema, "$defs");
	for (t = 1; t < GALLEY_NODE__MAX; t++) {
		def = json_object_get(defs, galley_node_type_name(t));
		ref = json_string_value(get(def, "properties/type/const"));
		if (ref == NULL || strcmp(ref, galley_node_type_name(t)) != 0) {
			printf("#   no definition for %s\n",
			    galley_node_type_name(t));
			named = 0;
		}
	}
	CHECK(named, "a definition per node type, by its JSON name");
	for (t = 0; t < GALLEY_NODE__MAX; t++) {
		ref = children_ref(schema, defs, t);
		for (c = 1; c < GALLEY_NODE__MAX; c++) {
			int in_schema = ref != NULL && union_has(defs, ref,
			    galley_node_type_name(c));

			if (in_schema == galley_node_can_contain(t, c))
				continue;
			printf("#   %s may%s hold %s, the schema says%s\n",
			    galley_node_type_name(t),
			    in_schema ? " not" : "", galley_node_type_name(c),
			    in_schema ? " so" : " not");
			agree = 0;
		}
	}
	snprintf(what, sizeof(what), "children in the schema as "
	    "galley_node_can_contain() allows, for all %d x %d type pairs",
	    GALLEY_NODE__MAX, GALLEY_NODE__MAX - 1);
	CHECK(agree, what);
	json_decref(schema);
	return TAP_DONE();
}
