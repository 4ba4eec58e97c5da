/*
 * The TOML shim (toml_shim.h): toml++ parses, and the walk hands each
 * value to galley's C callbacks in document order.
 */
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "readers/toml_shim.h"

namespace {

int	walk_table(const toml::table &, const struct toml_visit *);

int
walk_node(const char *key, const toml::node &n, const struct toml_visit *v)
{
	unsigned	 line = n.source().begin.line;
	unsigned	 col = n.source().begin.column;

	if (const toml::table *t = n.as_table()) {
		if (v->open(v->arg, key, 0, line, col) == -1)
			return -1;
		if (walk_table(*t, v) == -1)
			return -1;
		v->close(v->arg);
		return 0;
	}
	if (const toml::array *a = n.as_array()) {
		if (v->open(v->arg, key, 1, line, col) == -1)
			return -1;
		for (const toml::node &e : *a)
			if (walk_node(NULL, e, v) == -1)
				return -1;
		v->close(v->arg);
		return 0;
	}
	if (const toml::value<std::string> *s = n.as_string()) {
		const std::string	&str = s->get();

		return v->scalar(v->arg, key, str.data(), str.size(), 0,
		    line, col);
	}
	/* numbers, booleans, dates and times: as toml++ writes them
	 * (TOML's own forms, which are ISO 8601 for dates) */
	std::ostringstream	 out;
	std::string		 text;

	if (const toml::value<bool> *b = n.as_boolean())
		text = b->get() ? "true" : "false";
	else if (const toml::value<double> *d = n.as_floating_point()) {
		/* the shortest that reads back: 0.1, not 0.10000000000000001 */
		double	 x = d->get();
		char	 buf[64];

		if (std::isnan(x))
			text = "nan";
		else if (std::isinf(x))
			text = x < 0 ? "-inf" : "inf";
		else {
			std::snprintf(buf, sizeof(buf), "%.15g", x);
			if (std::strtod(buf, NULL) != x)
				std::snprintf(buf, sizeof(buf), "%.17g", x);
			text = buf;
		}
	} else {
		n.visit([&out](const auto &x) { out << x; });
		text = out.str();
	}

	return v->scalar(v->arg, key, text.data(), text.size(), 1, line,
	    col);
}

/* A table's keys in the order the text gives them (toml++ sorts). */
int
walk_table(const toml::table &t, const struct toml_visit *v)
{
	std::vector<std::pair<std::string, const toml::node *>>	 kv;

	for (const auto &e : t)
		kv.emplace_back(std::string(e.first.str()), &e.second);
	std::stable_sort(kv.begin(), kv.end(), [](const auto &a,
	    const auto &b) {
		const auto	&x = a.second->source().begin;
		const auto	&y = b.second->source().begin;

		return x.line != y.line ? x.line < y.line :
		    x.column < y.column;
	});
	for (const auto &e : kv)
		if (walk_node(e.first.c_str(), *e.second, v) == -1)
			return -1;
	return 0;
}

}	// namespace

#define TOML_STR_(x)	#x
#define TOML_STR(x)	TOML_STR_(x)

extern "C" const char *
toml_version(void)
{
	return TOML_STR(TOML_LIB_MAJOR) "." TOML_STR(TOML_LIB_MINOR) "."
	    TOML_STR(TOML_LIB_PATCH);
}

extern "C" int
toml_walk(const char *text, size_t len, const struct toml_visit *v,
    char *msg, size_t msgsz, unsigned *line, unsigned *col)
{
	msg[0] = '\0';
	*line = *col = 1;
	try {
		toml::table	 t = toml::parse(std::string_view(text, len));

		return walk_table(t, v);
	} catch (const toml::parse_error &e) {
		std::snprintf(msg, msgsz, "%.*s",
		    (int)e.description().size(), e.description().data());
		*line = e.source().begin.line;
		*col = e.source().begin.column;
	} catch (const std::exception &e) {
		std::snprintf(msg, msgsz, "%s", e.what());
	} catch (...) {
		std::snprintf(msg, msgsz, "cannot read the TOML");
	}
	if (msg[0] == '\0')
		std::snprintf(msg, msgsz, "invalid TOML");
	return -1;
}
