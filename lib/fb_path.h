/* Field paths into JSON records, as users write them on the command line:
 * ".session.id", "session.id", ".messages[0].content", "intent.id". A leading
 * dot is optional; [N] indexes an array (N decimal, not negative); a key
 * holding dots, brackets or quotes can be quoted: .meta."a.b" or .meta["a.b"],
 * with \" and \\ inside the quotes. A dot before a bracket is allowed:
 * ".a.[0]" is ".a[0]". Unquoted keys take every other byte as it is. */
#ifndef FB_PATH_H
#define FB_PATH_H

#include <jansson.h>

#include "fb_error.h"

struct fb_path; /* opaque, immutable once compiled */

/* Compiles a path. Returns a new path (free with fb_path_free), or NULL with
 * err->text such as "invalid field path '.a[': unclosed bracket" and
 * err->column the 1-based offset of the problem (of the opening bracket or
 * quote when it is unclosed; one past the end when the text stops early).
 * The reasons: empty path, empty key, unclosed bracket, unclosed quote,
 * invalid array index, array index too large, invalid escape in quoted key,
 * unexpected character 'c' (or byte 0xNN). */
struct fb_path *fb_path_compile(const char *text, struct fb_error *err);

/* Looks the path up in v. Returns a borrowed reference, or NULL when any step
 * is missing or of the wrong type. */
json_t *fb_path_get(const struct fb_path *p, const json_t *v);

/* Removes the value at the path from v (the last step's key or element,
 * which shifts later elements down), when present. Used to keep a mapped
 * field from being carried through twice. Returns 0 when removed, -1 when
 * not found. */
int fb_path_del(const struct fb_path *p, json_t *v);

/* The text the path was compiled from. Borrowed. */
const char *fb_path_text(const struct fb_path *p);

/* The first step when it is an object key, else NULL. Borrowed. */
const char *fb_path_first_key(const struct fb_path *p);

/* Frees p; NULL is allowed. */
void fb_path_free(struct fb_path *p);

#endif
